# exit: 1
# stderr-contains: SyntaxError
print("never")
values = [1, 2, (3, 4]
