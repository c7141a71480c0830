#!/usr/bin/env bash
# stslab's front door: the two commands of the README.
#
#   ./stslab.sh demo [--lang en|ko] [FILE...]
#                                the visual confused-deputy replay (a text replay when there is no display), in
#                                Korean with --lang ko, or when the locale is Korean (LANG=ko_KR.UTF-8)
#   ./stslab.sh test             build and run every test, then the core tests again under ASan + UBSan
#
# Each installs what it needs with apt-get (as root; otherwise it prints the exact command and stops),
# configures and builds incrementally, then runs. With everything installed and built it starts in seconds.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(build-essential cmake pkgconf nlohmann-json3-dev doctest-dev libgoogle-perftools-dev
          libimgui-dev libglfw3-dev libgl1-mesa-dri xvfb xauth fonts-nanum)
FLAGSHIP_WITHOUT=scenarios/01-confused-deputy.json
FLAGSHIP_WITH=scenarios/02-confused-deputy-external-id.json
JOBS=$(nproc 2>/dev/null || echo 2)

say() { printf '%s\n' "stslab: $*" >&2; }

ensure_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local cmd="apt-get install -y --no-install-recommends ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        say "missing packages: ${missing[*]}"
        say "install them as root, then run this again:"
        printf '  sudo apt-get update && sudo %s\n' "$cmd" >&2
        exit 1
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    $cmd
}

# configure_and_build DIR [cmake options...] -- [targets...]
configure_and_build() {
    local dir=$1; shift
    local opts=() targets=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    targets=("$@")
    # A configure that stopped half way (a package missing, say) leaves a cache and no Makefile: configure again.
    if [ ! -f "$dir/CMakeCache.txt" ] || [ ! -f "$dir/Makefile" ]; then
        # -g1 (line tables) keeps stack traces readable and builds much faster than full debug info.
        cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" \
            "${opts[@]}" >/dev/null
    fi
    if [ ${#targets[@]} -gt 0 ]; then
        cmake --build "$dir" -j "$JOBS" --target "${targets[@]}"
    else
        cmake --build "$dir" -j "$JOBS"
    fi
}

# The language of the replay: --lang, else Korean for a Korean locale, else English.
replay_language() {
    case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in ko*) echo ko ;; *) echo en ;; esac
}

demo() {
    local lang
    lang=$(replay_language)
    if [ "${1:-}" = --lang ]; then
        case "${2:-}" in en|ko) lang=$2; shift 2 ;; *) say "--lang is en or ko"; exit 2 ;; esac
    fi
    ensure_packages
    local files=("$@")
    if [ ${#files[@]} -eq 0 ]; then
        for f in "$FLAGSHIP_WITHOUT" "$FLAGSHIP_WITH"; do [ -f "$f" ] && files+=("$f"); done
    fi
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        configure_and_build build -- stslab stslab-viz
        set +e
        build/viz/stslab-viz --lang "$lang" "${files[@]}"
        local status=$?
        set -e
        [ $status -ne 3 ] && exit $status   # 3: the viewer could not open a window; fall back to text
        say "the viewer could not open a window on this display; showing the replay as text instead"
    else
        say "no display (DISPLAY is not set): showing the replay as text instead of opening the viewer"
        configure_and_build build -- stslab
    fi
    if [ ${#files[@]} -eq 0 ]; then
        say "no scenario to replay: scenarios/ has no flagship files and none were named"
        exit 0
    fi
    for f in "${files[@]}"; do
        echo "== $f"
        build/sim/stslab run "$f" --lang "$lang"
    done
}

run_tests() {
    ensure_packages
    configure_and_build build
    ctest --test-dir build --output-on-failure -j "$JOBS"
    say "the core tests again under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
    # Unoptimized: the sanitizers find the same faults, and the build is what takes the time here.
    configure_and_build build-asan -DSTSLAB_VIZ=OFF -DSTSLAB_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -g1"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$JOBS"
}

case "${1:-}" in
    demo) shift; demo "$@" ;;
    test) shift; [ $# -eq 0 ] || { say "test takes no arguments"; exit 2; }; run_tests ;;
    *) echo "usage: ./stslab.sh demo [--lang en|ko] [FILE...] | ./stslab.sh test" >&2; exit 2 ;;
esac
