todos = []
def show():
    if not todos:
        print("  (nothing to do)")
    for i, (done, text) in enumerate(todos, 1):
        print("  %d. [%s] %s" % (i, "x" if done else " ", text))
while True:
    try:
        line = input("> ").strip()
    except EOFError:
        print()
        print("bye")
        break
    cmd, _, arg = line.partition(" ")
    if cmd == "add":
        todos.append([False, arg])
    elif cmd == "done":
        try:
            todos[int(arg) - 1][0] = True
        except (ValueError, IndexError):
            print("no such item:", arg)
    elif cmd == "del":
        if arg.isdigit() and 0 < int(arg) <= len(todos):
            del todos[int(arg) - 1]
        else:
            print("no such item:", arg)
    elif cmd == "list":
        show()
    elif cmd == "clear":
        todos = [t for t in todos if not t[0]]
    else:
        print("unknown command:", cmd)
