# exit: 1
# stderr-contains: SyntaxError
print("never")
f() = 5
