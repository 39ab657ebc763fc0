def luhn(number):
    digits = [int(d) for d in str(number)][::-1]
    total = sum(digits[0::2])
    for d in digits[1::2]:
        total += sum(divmod(d * 2, 10))
    return total % 10 == 0
for n in [49927398716, 49927398717, 1234567812345678, 1234567812345670, 79927398713]:
    print(n, luhn(n))
def add_check_digit(n):
    for d in range(10):
        if luhn(n * 10 + d):
            return n * 10 + d
print(add_check_digit(7992739871))
