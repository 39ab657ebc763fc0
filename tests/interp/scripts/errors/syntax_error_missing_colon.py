# exit: 1
# stderr-contains: SyntaxError
print("this must never print: the file does not compile")
def broken(x)
    return x
