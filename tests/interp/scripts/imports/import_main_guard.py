import helper_shapes
def main():
    print("main runs", __name__)
if __name__ == "__main__":
    main()
print(helper_shapes.__name__ != "__main__")
