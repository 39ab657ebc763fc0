# exit: 1
# stderr-contains: SyntaxError
# stderr-contains: line 5
print("never")
values = [1, 2, (3, 4]
