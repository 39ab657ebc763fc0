order = []
def f():
    try:
        order.append("try")
        raise IndexError("idx")
    except IndexError as e:
        order.append("except " + str(e))
        return "from except"
    finally:
        order.append("finally")
print(f(), order)
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args, str(e) == "")
try:
    raise TypeError("t")
except (ValueError, TypeError) as e:
    print("tuple catch", type(e).__name__)
e_saved = None
try:
    1 / 0
except ZeroDivisionError as e:
    e_saved = e
print(type(e_saved).__name__, isinstance(e_saved, ArithmeticError))
try:
    e
except NameError:
    print("except-target deleted after block")
