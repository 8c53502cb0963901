"""write_to_fifo.py command...: runs the command with `-o PIPE`, PIPE a named
pipe made in a fresh temporary directory (never /dev/null: a hematite that
renames a temporary over its output would replace the machine's /dev/null),
prints what came through the pipe, and fails unless the command succeeded and
PIPE is still a pipe."""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

directory = tempfile.mkdtemp()
try:
    pipe = os.path.join(directory, "out")
    os.mkfifo(pipe)
    # Opened for reading first, without blocking, so that the command's open
    # for writing does not wait; a small output fits in the pipe's buffer.
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    result = subprocess.run(sys.argv[1:] + ["-o", pipe])
    if result.returncode != 0:
        sys.exit("the command failed (%d)" % result.returncode)
    if not stat.S_ISFIFO(os.stat(pipe).st_mode):
        sys.exit("the output pipe was replaced by a regular file")
    try:
        data = os.read(reader, 1 << 20)
    except BlockingIOError:
        data = b""
    sys.stdout.write(data.decode())
finally:
    shutil.rmtree(directory)
