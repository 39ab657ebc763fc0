# exit: 1
import sys
print("before")
sys.exit("fatal: message goes to stderr")
