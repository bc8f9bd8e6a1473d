// sotay: one binary, several subcommands (serve, migrate, demo, user, import, export, backup, version).
#include "cli/commands.h"

int main(int argc, char** argv) { return sotay::cli::main(argc, argv); }
