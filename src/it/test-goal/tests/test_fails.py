# a test file that fails
