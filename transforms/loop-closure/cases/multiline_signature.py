# pitfix-args: --unsafe-fixes
def layouts(items, out):
    for item in items:
        label = str(item)

        def trailing_comma(
            prefix=">",  # shown first
            suffix="<",
        ):
            return prefix + label + suffix + item

        def no_trailing_comma(
            prefix=">",
            suffix="<"
        ):
            return prefix + label + suffix + item

        def before_kwargs(
            prefix,
            **options,
        ):
            return prefix, options, label, item

        def hanging(prefix,
                    suffix):
            return prefix + suffix + label + item

        def commented(prefix,  # first
                      suffix  # last
                      ):
            return prefix + suffix + item

        out.extend([trailing_comma, no_trailing_comma, before_kwargs, hanging, commented])
        out.append(
            lambda value,
            other: (value, other, item)
        )
