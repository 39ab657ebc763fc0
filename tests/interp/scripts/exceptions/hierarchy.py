checks = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (KeyError, LookupError),
    (IndexError, LookupError), (LookupError, Exception), (ValueError, Exception), (TypeError, Exception),
    (StopIteration, Exception), (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
    (AttributeError, Exception), (NameError, Exception), (UnboundLocalError, NameError), (AssertionError, Exception),
    (KeyboardInterrupt, BaseException), (KeyboardInterrupt, Exception), (SystemExit, Exception), (Exception, BaseException),
    (MemoryError, Exception), (FileNotFoundError, OSError),
]
for sub, sup in checks:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
for exc in [ZeroDivisionError("z"), KeyError("k"), IndexError("i"), ValueError("v")]:
    try:
        raise exc
    except LookupError as e:
        print("lookup:", type(e).__name__, e)
    except ArithmeticError as e:
        print("arith:", type(e).__name__, e)
    except Exception as e:
        print("other:", type(e).__name__, e)
