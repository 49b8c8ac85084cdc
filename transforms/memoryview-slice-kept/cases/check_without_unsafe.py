def header(data):
    return memoryview(data)[:12]
