# exit: 2
import sys
def cleanup():
    print("cleanup ran")
try:
    try:
        print("working")
        sys.exit(2)
    finally:
        cleanup()
except KeyboardInterrupt:
    print("never")
print("never reached")
