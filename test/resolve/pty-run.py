# Runs a command under a real pseudo-terminal (it is the session leader, so it and its children
# are the terminal's foreground process group, as in an interactive shell), waits until a file
# appears (the command says it is ready), then either types Ctrl-C into the terminal or sends
# SIGTERM to the command's own pid, and waits for the command to end.
#
#   python3 pty-run.py ctrl-c|kill-term|kill-int <ready-file> <command>...
# Prints one JSON line: {"status": <exit status or -signal>, "output": <terminal text>}.
import json, os, pty, select, signal, sys, time

mode, ready_file, command = sys.argv[1], sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

output = b''
def read_some(timeout):
    global output
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # EIO: the terminal's other side is closed
        return False
    output += chunk
    return bool(chunk)

deadline = time.time() + 60
while not os.path.exists(ready_file):
    if time.time() > deadline or not read_some(0.05):
        os.kill(pid, signal.SIGKILL)
        sys.exit('the command never got ready: ' + output.decode('utf8', 'replace'))

if mode == 'ctrl-c':
    os.write(fd, b'\x03')
elif mode == 'kill-term':
    os.kill(pid, signal.SIGTERM)
elif mode == 'kill-int':
    os.kill(pid, signal.SIGINT)

while read_some(1):
    pass
_, status = os.waitpid(pid, 0)
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
print(json.dumps({'status': code, 'output': output.decode('utf8', 'replace')}))
