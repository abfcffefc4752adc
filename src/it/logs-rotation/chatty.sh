#!/bin/sh
# Waits until the follower has had time to attach, then writes 150,000 numbered lines of 66 bytes
# in large blocks (awk buffers its output), and stays up until it is stopped.
echo "chatty ready"
sleep 5
seq 0 149999 | awk '{ printf "chatty line %06d xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", $1 }'
echo "chatty done"
exec sleep 600
