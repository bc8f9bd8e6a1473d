#pragma once

namespace sotay::cli {
int main(int argc, char** argv);
}
