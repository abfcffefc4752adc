# A stand-in for "uv run pytest": prints what a GLADyS test reads from its environment, and its arguments.
echo "PYTHON_ADDRESS=$PYTHON_ADDRESS"
echo "MEMORY_STORAGE_ADDRESS=$MEMORY_STORAGE_ADDRESS"
echo "RUST_ADDRESS=$RUST_ADDRESS"
echo "SALIENCE_GATEWAY_ADDRESS=$SALIENCE_GATEWAY_ADDRESS"
echo "ORCHESTRATOR_ADDRESS=$ORCHESTRATOR_ADDRESS"
echo "EXECUTIVE_ADDRESS=$EXECUTIVE_ADDRESS"
echo "DB_HOST=$DB_HOST DB_PORT=$DB_PORT"
echo "GLADYS_MEMORY_RUST_ADDRESS=$GLADYS_MEMORY_RUST_ADDRESS"
echo "GLADYS_DB_URL=$GLADYS_DB_URL"
echo "ARGS=$*"
case "$*" in
  *test_fails.py*) echo "1 failed"; exit 1 ;;
esac
echo "all passed"
