# exit: 1
# stderr-contains: Error
print("never")
if True:
    x = 1
      y = 2
