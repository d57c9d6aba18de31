# Set-up, build, run and test in one place. `make run` and `make test` install any missing
# Debian/Ubuntu packages first.
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run headless test bench bench-compare sanitize translations format \
	clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) > /dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/app/webstack-lab

headless: build
	$(BUILD_DIR)/app/webstack-lab --headless

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure

# GUI frame times under a steady load; not part of `make test`. Pass options with
# BENCH_ARGS, e.g. `make bench BENCH_ARGS="--rate 500 --seconds 10"`.
bench: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target bench_frame_time
	QT_QPA_PLATFORM=offscreen $(BUILD_DIR)/tests/bench/bench_frame_time $(BENCH_ARGS)

# Webstack Lab against HAProxy and nginx, frame times and memory growth: about 15 minutes,
# printing ratios and a table of targets. `make bench-compare BENCH_COMPARE_ARGS=--quick`
# takes about 3 minutes but is not the measure the targets are set for.
bench-compare: configure
	@scripts/install-deps.sh --bench
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target webstack-lab bench_frame_time
	tests/bench/bench_compare.sh --build-dir $(BUILD_DIR) $(BENCH_COMPARE_ARGS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	@cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWEBSTACK_SANITIZE=ON > /dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure

# Refreshes translations/*.ts from the sources; translate the new entries with Qt Linguist.
translations: deps
	/usr/lib/qt6/bin/lupdate -silent app widgets -target-language fr -ts translations/webstack-lab_fr.ts
	/usr/lib/qt6/bin/lupdate -silent app widgets -target-language ar -ts translations/webstack-lab_ar.ts

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
