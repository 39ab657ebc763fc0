# exit: 3
import sys
print("exiting with 3")
try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit", e.code)
sys.stdout.flush()
sys.exit(3)
