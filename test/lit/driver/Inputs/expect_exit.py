"""expect_exit.py CODE command...: runs the command and fails unless it exits
with CODE (lit's internal shell has no $?). Its stderr passes through."""
import subprocess
import sys

code = int(sys.argv[1])
result = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL)
if result.returncode != code:
    sys.exit("expected exit code %d, got %d" % (code, result.returncode))
