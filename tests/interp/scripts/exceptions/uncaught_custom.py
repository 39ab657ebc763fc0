# exit: 1
class BadThing(Exception):
    pass
print("start")
try:
    raise BadThing("handled")
except BadThing as e:
    print("handled", e)
raise BadThing("unhandled with message")
