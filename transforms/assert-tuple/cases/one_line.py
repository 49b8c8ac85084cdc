def withdraw(balance, amount):
    assert (amount <= balance, "cannot withdraw more than the balance")
    assert (amount > 0, f"bad amount {amount}")
    assert(amount, 'no space after the keyword')
    assert ( amount ,  "spaces inside" , )
    assert ((amount), ("parenthesised parts"))
    assert (amount, "implicit" " concatenation")
    return balance - amount
