#!/bin/sh
# live_reload.sh VIEWER SCENARIO WORKDIR: opens a copy of SCENARIO at step 3 for a few seconds of frames, breaks
# the copy on disk, then fixes it again; the viewer must report the failed reload (keeping the last good run and
# the cursor) and then the good one, and exit 0.
viewer=$1
scenario=$2
work=$3
mkdir -p "$work"
copy="$work/live-reload.json"
cp "$scenario" "$copy"
"$viewer" "$copy" --step 3 --frames 100000 2> "$work/live-reload.log" &
pid=$!
sleep 2
sed 's/"accounts"/"acounts"/' "$scenario" > "$copy.tmp" && mv "$copy.tmp" "$copy"
sleep 2
cp "$scenario" "$copy.tmp" && mv "$copy.tmp" "$copy"
sleep 2
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
cat "$work/live-reload.log"
grep -q "reload failed: .*live-reload.json has errors; the last good run stays (step 3)" "$work/live-reload.log" || { echo "FAIL: no failed reload reported"; exit 1; }
grep -q "live-reload.json:[0-9]*:[0-9]*: at acounts: unknown key" "$work/live-reload.log" || { echo "FAIL: the fault was not shown"; exit 1; }
grep -q "^stslab-viz: reloaded .*live-reload.json (step 3)" "$work/live-reload.log" || { echo "FAIL: the good reload was not reported"; exit 1; }
echo "live reload: failed and good reloads reported, cursor kept on step 3"
