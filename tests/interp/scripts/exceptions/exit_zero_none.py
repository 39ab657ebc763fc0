import sys
print("explicit exit 0")
try:
    sys.exit()
except SystemExit as e:
    print("code", e.code)
sys.exit(0)
