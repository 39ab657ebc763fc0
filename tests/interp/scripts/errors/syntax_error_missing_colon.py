# exit: 1
# stderr-contains: SyntaxError
# stderr-contains: line 5
print("this must never print: the file does not compile")
def broken(x)
    return x
