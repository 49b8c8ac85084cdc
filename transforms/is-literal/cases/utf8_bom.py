# A UTF-8 BOM stays at the start of the file; columns count characters, not bytes.
word = "café"
same = word is "café"
emoji = word is not "🙂"  # é in a comment
résumé = "🙂"; flag = résumé is "é"
