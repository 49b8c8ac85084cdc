result = (x
          is
          1)
result = x is \
    1
result = x \
    is not \
    "a"
result = (x) is (1)
result = x is ((1))
result = ((x)) is not ((-1))
result = (
    x  # the value
    is  # identity, on purpose?
    "y"
)
result = x is (
    1,
    2,
)
