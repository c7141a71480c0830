#!/bin/sh
# check_status.sh EXPECTED COMMAND [ARGS...]: runs COMMAND, shows its output, and succeeds only if it exited
# with exactly EXPECTED.
expected=$1
shift
"$@" 2>&1
status=$?
if [ "$status" -eq "$expected" ]; then
  echo "[$*] exit status $status as expected"
  exit 0
fi
echo "[$*] exit status $status, expected $expected"
exit 1
