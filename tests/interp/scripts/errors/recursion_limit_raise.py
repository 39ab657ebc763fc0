import sys
sys.setrecursionlimit(3000)
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(2500))
sys.setrecursionlimit(200)
try:
    deep(1000)
except RecursionError:
    print("limited to 200")
sys.setrecursionlimit(1000)
print(deep(800))
