def one(x=[]): x.append(1); return len(x)


class C:
    def m(self, found=[]): found.clear(); return len(found)


def doc_only_same_line(x=[]):
    """Doc."""; x.append(1); return len(x)
