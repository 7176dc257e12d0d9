from socket import CMSG_SPACE, SCM_RIGHTS


def fd_space(count):
    return CMSG_SPACE(count * 4), SCM_RIGHTS
