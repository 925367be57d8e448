# libdanvan: convenience targets around CMake. Everything runs unattended (no standard input).
#
#   make deps                 check the Debian packages the build needs; install the missing
#                             ones when run as root, else print the sudo line and fail
#   make build                configure build/ (warnings are errors) and compile
#   make demo                 deps + build, then run the danvan tool's demo
#   make check                deps + build + every test, then the unit tests again under
#                             AddressSanitizer and UBSan in build-asan/
#   make check-browser        deps + chromium (installed like deps) + build, then the tests
#                             labelled browser: the evaluation's HTML page in headless Chromium,
#                             its XLSX read back (tests/browser/check_html.py)
#   make docs                 API reference with doxygen (warnings are errors) in build/docs/
#   make install PREFIX=DIR   build for DIR and install there (DESTDIR is honoured)
#   make bench                deps + build, then the scale and speed benchmark (not in check)
#   make check-valgrind       the unit tests of build/ under valgrind (leaks and memory errors)
#   make fuzz                 build the fuzz targets with clang/libFuzzer in build-fuzz/ and run
#                             each for FUZZ_SECONDS (default 120); FUZZ_TARGETS picks some
#   make clean                remove build/, build-asan/, build-tsan/ and build-fuzz/

# The Debian packages needed to build, test and document libdanvan: the one list.
DEPS_PACKAGES := cmake gcc g++ pkg-config libxml2-dev libxml2-utils libcmocka-dev \
                 libutf8proc-dev libxlsxwriter-dev doxygen gettext python3 \
                 python3-venv python3-setuptools python3-wheel

# What `make check-browser` adds: headless Chromium for tests/browser/ (/usr/bin/chromium).
BROWSER_PACKAGES := chromium
# Needed only by `make fuzz` (libFuzzer comes with clang's runtime) and `make check-valgrind`.
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
VALGRIND_PACKAGES := valgrind

BUILD_DIR      ?= build
ASAN_BUILD_DIR ?= build-asan
JOBS           ?= 2
BUILD_TYPE     ?= RelWithDebInfo
CMAKE          ?= cmake
CTEST          ?= ctest
DOXYGEN        ?= doxygen
CMAKE_ARGS     ?=
rparen         := )

# Prerequisites run in the order written (deps before build), even under make -j.
.NOTPARALLEL:
.PHONY: all deps deps-browser deps-fuzz deps-valgrind configure build demo check check-asan \
        check-tsan check-browser check-valgrind fuzz docs install clean

all: build

# $(call apt_install,WHO,PACKAGES): the missing ones of PACKAGES are installed with apt-get when
# run as root; as another user the sudo line is printed and the target fails.
define apt_install
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "$(1): not a Debian system (no dpkg-query); make sure these are installed:"; \
	  echo "  $(2)"; \
	  exit 0; \
	fi; \
	for p in $(2); do \
	  if ! dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed$$'; then \
	    missing="$$missing $$p"; \
	  fi; \
	done; \
	if [ -z "$$missing" ]; then echo "$(1): all needed packages are installed"; exit 0; fi; \
	echo "$(1): missing Debian packages:$$missing"; \
	if [ "$$(id -u)" -eq 0 ]; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get -q update </dev/null && apt-get -q install -y $$missing </dev/null || exit 1; \
	else \
	  echo "$(1): not root; install them with:"; \
	  echo "  sudo apt-get install -y$$missing"; \
	  exit 1; \
	fi
endef

deps:
	$(call apt_install,deps,$(DEPS_PACKAGES))

deps-browser:
	$(call apt_install,deps-browser,$(BROWSER_PACKAGES))

deps-fuzz:
	$(call apt_install,deps-fuzz,$(FUZZ_PACKAGES))

deps-valgrind:
	$(call apt_install,deps-valgrind,$(VALGRIND_PACKAGES))

# PREFIX (an install prefix) is compiled into the library (locale and data directories),
# so it is given at configure time.
configure:
	$(CMAKE) -S . -B $(BUILD_DIR) -DDANVAN_WERROR=ON -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  $(if $(PREFIX),-DCMAKE_INSTALL_PREFIX=$(abspath $(PREFIX))) $(CMAKE_ARGS)

build: configure
	$(CMAKE) --build $(BUILD_DIR) --parallel $(JOBS)

demo: deps build
	@if [ ! -x $(BUILD_DIR)/danvan ]; then \
	  echo "demo: the danvan tool (examples/danvan/) is not built yet"; exit 1; \
	fi; \
	if [ -n "$(wildcard examples/danvan/cmd_demo.c)" ]; then \
	  echo "+ ./$(BUILD_DIR)/danvan demo"; ./$(BUILD_DIR)/danvan demo </dev/null; \
	else \
	  echo "demo: the tool has no demo subcommand yet; showing its version"; \
	  echo "+ ./$(BUILD_DIR)/danvan version"; ./$(BUILD_DIR)/danvan version </dev/null; \
	fi

check: deps build
	cd $(BUILD_DIR) && $(CTEST) --output-on-failure --no-tests=error </dev/null
	$(MAKE) --no-print-directory check-asan
	$(MAKE) --no-print-directory check-tsan

# The unit tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer, and the
# tool's demo under them. Having no unit test is an error once tests/unit/ has any.
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
                 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
check-asan:
	$(CMAKE) -S . -B $(ASAN_BUILD_DIR) -DDANVAN_WERROR=ON -DDANVAN_SANITIZE=ON \
	  -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	$(CMAKE) --build $(ASAN_BUILD_DIR) --parallel $(JOBS)
	cd $(ASAN_BUILD_DIR) && $(SANITIZER_ENV) \
	  $(CTEST) --output-on-failure -L unit \
	  --no-tests=$(if $(wildcard tests/unit/test_*.c),error,ignore) </dev/null
	@if [ -n "$(wildcard examples/danvan/cmd_demo.c)" ]; then \
	  echo "+ $(ASAN_BUILD_DIR)/danvan demo (sanitized)"; \
	  $(SANITIZER_ENV) ./$(ASAN_BUILD_DIR)/danvan demo </dev/null >$(ASAN_BUILD_DIR)/demo.out || \
	    { cat $(ASAN_BUILD_DIR)/demo.out; exit 1; }; \
	fi

# The threads test under ThreadSanitizer: several threads each load, validate and evaluate
# their own dataset while sharing the library's read-only tables.
TSAN_BUILD_DIR ?= build-tsan
check-tsan:
	$(CMAKE) -S . -B $(TSAN_BUILD_DIR) -DDANVAN_WERROR=ON -DDANVAN_TSAN=ON \
	  -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	$(CMAKE) --build $(TSAN_BUILD_DIR) --parallel $(JOBS) --target test_threads
	cd $(TSAN_BUILD_DIR) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  $(CTEST) --output-on-failure -R '^test_threads$$' --no-tests=error </dev/null

# The tests labelled browser, with Chromium required (no skipping): the outputs, the DOM as
# rendered and the screenshots are left in build/tests/browser/out/.
check-browser: deps deps-browser build
	cd $(BUILD_DIR) && DANVAN_REQUIRE_BROWSER=1 \
	  $(CTEST) --output-on-failure -L browser --no-tests=error </dev/null
	@echo "check-browser: screenshots in $(BUILD_DIR)/tests/browser/out/tan-phong*.png"

# ---- valgrind --------------------------------------------------------------------------------
# The unit tests of build/ (ctest label `unit`: the cmocka programs, the allocation-failure
# sweep, the fuzz corpus replays) under valgrind's memcheck, one after the other: any memory
# error or definite/indirect leak fails the target. The tests' time bounds are scaled
# (DANVAN_TEST_TIME_SCALE). 7 to 10 minutes on the CI machine: not part of `make check`;
# .ci/run calls it after `make check`. VALGRIND_TESTS=regex picks some tests.
VALGRIND       ?= valgrind
VALGRIND_FLAGS ?= --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
                  --show-leak-kinds=definite,indirect --num-callers=30 --quiet
VALGRIND_TESTS ?= .
check-valgrind: deps deps-valgrind build
	@cd $(BUILD_DIR) && mkdir -p valgrind && \
	$(CTEST) -L unit -R '$(VALGRIND_TESTS)' --show-only=json-v1 </dev/null | python3 -c \
	  'import json, sys; [print(t["name"], next((p["value"] for p in t.get("properties", []) if p["name"] == "WORKING_DIRECTORY"), "."), *t["command"], sep="\t") for t in json.load(sys.stdin)["tests"]]' \
	  >valgrind/tests.txt && \
	passed=0; failed=""; total_start=$$(date +%s); \
	while IFS="$$(printf '\t')" read -r name dir cmd; do \
	  start=$$(date +%s); \
	  if (cd "$$dir" && DANVAN_TEST_TIME_SCALE=50 $(VALGRIND) $(VALGRIND_FLAGS) $$(echo "$$cmd" | tr '\t' ' ') \
	        </dev/null >"$(CURDIR)/$(BUILD_DIR)/valgrind/$$name.log" 2>&1); then \
	    passed=$$((passed + 1)); echo "valgrind: $$name ok ($$(( $$(date +%s) - start )) s)"; \
	  else \
	    failed="$$failed $$name"; echo "valgrind: $$name FAILED ($$(( $$(date +%s) - start )) s)"; \
	    tail -30 "$(CURDIR)/$(BUILD_DIR)/valgrind/$$name.log"; \
	  fi; \
	done <valgrind/tests.txt; \
	nfailed=$$(echo $$failed | wc -w); \
	echo "valgrind: $$(( $$(date +%s) - total_start )) s; logs in $(BUILD_DIR)/valgrind/"; \
	echo "valgrind: $$passed passed, $$nfailed failed"; \
	[ -z "$$failed" ] && [ "$$passed" -gt 0 ]

# ---- fuzzing -------------------------------------------------------------------------------
# libFuzzer programs of tests/fuzz/fuzz_*.c, built with clang and ASan/UBSan in build-fuzz/,
# each run for FUZZ_SECONDS over its seed corpus (tests/fuzz/corpus/<name>/, read only) and
# a working corpus in build-fuzz/corpus/<name>/ (new inputs go there). Crashes are written to
# build-fuzz/crashes/; logs and final statistics to build-fuzz/logs/. Copy a crash input into
# the seed corpus once the bug is fixed: `make check` replays it from then on.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_CC        ?= clang-14
FUZZ_SECONDS   ?= 120
FUZZ_TARGETS   ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_ARGS      ?=
# Longest input per target: whole XML files, whole plan texts, short phrases.
FUZZ_MAX_LEN_xml      ?= 16384
FUZZ_MAX_LEN_validate ?= 16384
FUZZ_MAX_LEN_evaluate ?= 16384
FUZZ_MAX_LEN_values   ?= 512
FUZZ_MAX_LEN_import   ?= 40000
# Dictionaries (libFuzzer -dict): XML names and markup, Vietnamese keywords.
FUZZ_DICT_xml      ?= tests/fuzz/xml.dict
FUZZ_DICT_validate ?= tests/fuzz/xml.dict
FUZZ_DICT_evaluate ?= tests/fuzz/xml.dict
FUZZ_DICT_values   ?= tests/fuzz/values.dict
FUZZ_DICT_import   ?= tests/fuzz/values.dict
fuzz: deps-fuzz
	$(CMAKE) -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_C_COMPILER=$(FUZZ_CC) -DDANVAN_FUZZ=ON \
	  -DDANVAN_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDANVAN_TEST_DOCS=OFF $(CMAKE_ARGS)
	$(CMAKE) --build $(FUZZ_BUILD_DIR) --parallel $(JOBS) $(foreach t,$(FUZZ_TARGETS),--target fuzz_$(t))
	@mkdir -p $(FUZZ_BUILD_DIR)/crashes $(FUZZ_BUILD_DIR)/logs; failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD_DIR)/corpus/$$t; \
	  case $$t in $(foreach t,$(FUZZ_TARGETS),$(t)$(rparen) len=$(or $(FUZZ_MAX_LEN_$(t)),4096); \
	    dict=$(if $(FUZZ_DICT_$(t)),-dict=$(FUZZ_DICT_$(t)));;) esac; \
	  echo "+ fuzz_$$t for $(FUZZ_SECONDS) s (-max_len=$$len $$dict)"; \
	  if ./$(FUZZ_BUILD_DIR)/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$$len \
	       -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 $$dict \
	       -artifact_prefix=$(FUZZ_BUILD_DIR)/crashes/$$t- $(FUZZ_ARGS) \
	       $(FUZZ_BUILD_DIR)/corpus/$$t tests/fuzz/corpus/$$t \
	       </dev/null >$(FUZZ_BUILD_DIR)/logs/$$t.log 2>&1; then :; else \
	    failed="$$failed $$t"; tail -40 $(FUZZ_BUILD_DIR)/logs/$$t.log; \
	  fi; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' \
	    $(FUZZ_BUILD_DIR)/logs/$$t.log | sed "s/^/  $$t: /"; \
	done; \
	if [ -n "$$failed" ]; then \
	  echo "fuzz: failures in:$$failed (inputs in $(FUZZ_BUILD_DIR)/crashes/)"; exit 1; \
	fi; echo "fuzz: no crash"

docs: configure
	$(DOXYGEN) docs/Doxyfile </dev/null
	@echo "docs: build/docs/html/index.html"

install: build
	DESTDIR="$(DESTDIR)" $(CMAKE) --install $(BUILD_DIR) $(if $(PREFIX),--prefix $(abspath $(PREFIX)))

clean:
	rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR) $(TSAN_BUILD_DIR) $(FUZZ_BUILD_DIR)

# Scale and speed (tests/bench/run.py, docs/performance.md): not part of `make check`.
# BENCH_SIZES=small runs 10k and 100k reports; full (the default) adds about a million.
# BENCH_REPEAT=N runs each measurement N times (default 9 below 50k reports, 5 below 500k,
# else 2);
# BENCH_ONLY=load,evaluate runs only those operations; BENCH_DOC=1 also writes the tables
# into docs/performance.md. Results: build/bench/results.{json,md}.
BENCH_SIZES ?= full
.PHONY: bench
bench: deps build
	python3 tests/bench/run.py --build-dir $(BUILD_DIR) --sizes $(BENCH_SIZES) </dev/null
