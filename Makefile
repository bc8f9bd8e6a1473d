# The two commands of the README, plus a few conveniences. Thin wrappers over scripts/.
.PHONY: run test bench build clean

run:            ## install what is missing, build, load the demo and serve on http://localhost:8080
	@scripts/run.sh

test:           ## install what is missing and run every test (both databases, sanitizers, fuzzers)
	@scripts/test.sh

bench:          ## the performance runner (see bench/README.md)
	@bench/run.sh

build:
	@scripts/setup.sh && scripts/build.sh build

clean:
	rm -rf build build-asan build-fuzz
