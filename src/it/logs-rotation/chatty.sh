#!/bin/sh
# Waits until the follower has had time to attach, then writes 150,000 numbered lines of 66 bytes in
# fifteen blocks of 10,000 (awk buffers its output) with a pause after each, and stays up until it is
# stopped. The stack agent rotates a log in a pause of its writer, so each pause gives it a rotation.
echo "chatty ready"
sleep 5
for block in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
  seq $((block * 10000)) $((block * 10000 + 9999)) \
    | awk '{ printf "chatty line %06d xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", $1 }'
  sleep 0.8
done
echo "chatty done"
exec sleep 600
