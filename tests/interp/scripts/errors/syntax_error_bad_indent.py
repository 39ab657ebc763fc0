# exit: 1
# stderr-contains: Error
# stderr-contains: line 7
print("never")
if True:
    x = 1
      y = 2
