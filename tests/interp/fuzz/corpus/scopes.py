nonlocal x
global y
def g():
    x = 1
    def h():
        nonlocal x
        global x
