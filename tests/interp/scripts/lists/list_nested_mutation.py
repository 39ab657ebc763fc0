grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
alias = [[0] * 3] * 3
alias[0][0] = 1
print(alias)
a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b, a == [1, 2, 3, 4], a is [1, 2, 3, 4])
c = a + []
c[0] = 99
print(a, c)
stack = []
for i in range(5):
    stack.append(i)
while stack:
    print(stack.pop(), end=" ")
print()
q = [1]
for x in q:
    if x < 20:
        q.append(x * 2)
print(q)
a = [1, 2, 3]
a += [4]
a *= 2
print(a)
self_ref = [1]
self_ref.append(self_ref)
print(self_ref)
