students = [("Ana", [88, 92, 79]), ("Ben", [72, 65, 80]), ("Chloé", [95, 98, 100]), ("Dev", [55, 61, 58])]
def grade(avg):
    for cutoff, letter in [(90, "A"), (80, "B"), (70, "C"), (60, "D")]:
        if avg >= cutoff:
            return letter
    return "F"
lines = []
lines.append("+" + "-" * 8 + "+" + "-" * 14 + "+" + "-" * 7 + "+" + "-" * 3 + "+")
lines.append("|%-8s|%-14s|%7s|%3s|" % ("Name", "Scores", "Avg", "G"))
lines.append(lines[0])
for name, scores in students:
    avg = sum(scores) / len(scores)
    lines.append("|%-8s|%-14s|%7.2f|%3s|" % (name, ",".join(map(str, scores)), avg, grade(avg)))
lines.append(lines[0])
print("\n".join(lines))
best = max(students, key=lambda s: sum(s[1]))
print("best:", best[0], "| all scores:", sorted(x for _, sc in students for x in sc)[-3:])
print("histogram:")
for letter in "ABCDF":
    n = sum(1 for _, sc in students if grade(sum(sc) / len(sc)) == letter)
    print("  %s %s" % (letter, "#" * n))
