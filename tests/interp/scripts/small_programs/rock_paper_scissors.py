import random
BEATS = {"rock": "scissors", "scissors": "paper", "paper": "rock"}
class Player:
    def __init__(self, name, seed):
        self.name, self.rng, self.history, self.score = name, random.Random(seed), [], 0
    def move(self, opponent_history):
        return self.rng.choice(sorted(BEATS))
class Copycat(Player):
    def move(self, opponent_history):
        return opponent_history[-1] if opponent_history else "rock"
class Counter(Player):
    def move(self, opponent_history):
        if not opponent_history:
            return "paper"
        common = max(sorted(BEATS), key=opponent_history.count)
        return next(k for k, v in BEATS.items() if v == common)
def play(a, b, rounds):
    for _ in range(rounds):
        ma, mb = a.move(b.history), b.move(a.history)
        a.history.append(ma)
        b.history.append(mb)
        if BEATS[ma] == mb:
            a.score += 1
        elif BEATS[mb] == ma:
            b.score += 1
players = [Player("random", 1), Copycat("copycat", 2), Counter("counter", 3), Player("random2", 4)]
table = {p.name: 0 for p in players}
for i in range(len(players)):
    for j in range(i + 1, len(players)):
        a, b = players[i], players[j]
        a.history, b.history, a.score, b.score = [], [], 0, 0
        play(a, b, 50)
        print("%-8s vs %-8s %2d : %2d" % (a.name, b.name, a.score, b.score))
        table[a.name] += a.score
        table[b.name] += b.score
print(sorted(table.items(), key=lambda kv: -kv[1]))
