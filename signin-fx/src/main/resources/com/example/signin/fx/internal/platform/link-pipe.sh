# hand_over_through_pipe LINK PIPE: gives LINK to the running app through its named pipe (LinkPipe)
# without starting Java. Fails, so that the caller starts the Java launcher (which tries the socket,
# then becomes the app), when LINK is not one line of at most 4000 visible ASCII characters, PIPE
# is not this user's named pipe in this user's folder, or no process has it open for reading (no
# app runs; a stale pipe): dd opens it non-blocking, which fails at once then. dd writes the line
# in one write() (atomic below PIPE_BUF, so two clicks' lines never mix) and never creates a file
# in the pipe's place (conv=nocreat), as a shell redirection would.
hand_over_through_pipe() {
  case $1 in
    '' | *[![:graph:]]*) return 1 ;;
  esac
  [ "${#1}" -le 4000 ] && [ -p "$2" ] && [ -O "$2" ] && [ -O "${2%/*}" ] || return 1
  printf '%s\n' "$1" | dd of="$2" bs=4096 iflag=fullblock oflag=nonblock conv=nocreat,notrunc status=none 2> /dev/null
}
