def bottles(n):
    return "no more bottles" if n == 0 else "1 bottle" if n == 1 else "%d bottles" % n
verses = []
for n in range(5, 0, -1):
    verses.append("%s of beer on the wall, %s of beer.\nTake one down, pass it around, %s of beer on the wall.\n"
                  % (bottles(n).capitalize(), bottles(n), bottles(n - 1)))
print("\n".join(verses), end="")
print("No more bottles of beer on the wall, no more bottles of beer.")
