# exit: 1
# stderr-contains: SyntaxError
# stderr-contains: line 5
print("never")
f() = 5
