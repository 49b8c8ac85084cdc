name = "world"
greeting = "hello world"
print(greeting is f"hello {name}")
print(greeting is not f"hello {name!r:>10}")
print(greeting is F'hello')
print(greeting is rf"hello\n{name}")
print(greeting is f"hello " "implicitly " f"{name}")
