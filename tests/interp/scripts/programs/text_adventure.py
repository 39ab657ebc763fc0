# A small text adventure driven by a scripted list of commands: a state
# machine over rooms, an inventory and locked doors.
ROOMS = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"}, "items": ["lamp"]},
    "library": {"desc": "shelves of old books", "exits": {"south": "hall", "up": "attic"}, "items": ["key"], "dark": True},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"}, "items": ["bread"]},
    "cellar": {"desc": "a damp cellar", "exits": {"up": "kitchen"}, "items": ["wine"], "locked": True},
    "attic": {"desc": "a cramped attic", "exits": {"down": "library"}, "items": ["treasure"]},
}

class Game:
    def __init__(self):
        self.room = "hall"
        self.inventory = []
        self.moves = 0
        self.score = 0
        self.over = False
        self.log = []

    def say(self, text):
        self.log.append(text)
        print(text)

    def can_see(self):
        return not ROOMS[self.room].get("dark") or "lamp" in self.inventory

    def look(self):
        r = ROOMS[self.room]
        if not self.can_see():
            self.say("It is pitch dark.")
            return
        items = ", ".join(r["items"]) or "nothing"
        exits = ", ".join(sorted(r["exits"]))
        self.say("You are in %s. You see %s. Exits: %s." % (r["desc"], items, exits))

    def go(self, direction):
        exits = ROOMS[self.room]["exits"]
        if direction not in exits:
            self.say("You can't go %s." % direction)
            return
        target = exits[direction]
        if ROOMS[target].get("locked"):
            if "key" in self.inventory:
                ROOMS[target]["locked"] = False
                self.say("You unlock the way %s." % direction)
            else:
                self.say("The way %s is locked." % direction)
                return
        self.room = target
        self.moves += 1
        self.look()

    def take(self, item):
        r = ROOMS[self.room]
        if not self.can_see():
            self.say("You fumble in the dark.")
        elif item in r["items"]:
            r["items"].remove(item)
            self.inventory.append(item)
            self.score += 10 if item != "treasure" else 100
            self.say("Taken: %s." % item)
        else:
            self.say("There is no %s here." % item)

    def handle(self, line):
        words = line.lower().split()
        if not words:
            return
        verb, args = words[0], words[1:]
        handlers = {
            "look": lambda: self.look(),
            "go": lambda: self.go(args[0]) if args else self.say("Go where?"),
            "take": lambda: self.take(args[0]) if args else self.say("Take what?"),
            "inv": lambda: self.say("You carry: %s." % (", ".join(sorted(self.inventory)) or "nothing")),
            "quit": lambda: setattr(self, "over", True),
        }
        if verb in ("n", "s", "e", "w", "u", "d"):
            verb, args = "go", [{"n": "north", "s": "south", "e": "east", "w": "west", "u": "up", "d": "down"}[verb]]
        handlers.get(verb, lambda: self.say("I don't understand %r." % verb))()
        if "treasure" in self.inventory and not self.over:
            self.say("You win with %d points in %d moves!" % (self.score, self.moves))
            self.over = True

SCRIPT = ["look", "go north", "take key", "s", "take lamp", "e", "take bread", "d", "take wine",
          "dance", "u", "w", "n", "look", "take key", "inv", "u", "take treasure", "look"]
game = Game()
for cmd in SCRIPT:
    if game.over:
        break
    print("> " + cmd)
    game.handle(cmd)
print("final:", game.room, sorted(game.inventory), game.score, game.moves, len(game.log))
