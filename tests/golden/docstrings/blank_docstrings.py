def empty_docstring(a):
    ""
    return a


def whitespace_docstring():
    '''   
    '''
    return 1


def one_line_blank(): ""


class BlankClass:
    """ """
    x = 1
