// bash and zsh completion scripts, rendered from a CompletionSpec. Both walk the words typed
// so far the same way: options that take a value swallow the next word, known subcommand
// names descend into that command, anything else counts as a positional argument, and `--`
// hands the rest of the line to the command being run (exec, assume -- cmd).
import type { CommandSpec, CompletionSpec, ValueKind } from './completion-gen.ts';
import { GENERATED_NOTE, optionNames, quoteSingle } from './completion-gen.ts';

function kindWord(kind: ValueKind): string {
  return kind.kind === 'words' ? `words ${kind.words.join(' ')}` : kind.kind;
}

function caseArm(pattern: string, body: string): string {
  return `    ${pattern}) ${body} ;;`;
}

/** `_awsctl_value_kind <option>`: what the option's value completes to; nothing for flags. */
function valueKindFunction(spec: CompletionSpec): string {
  const arms = [...spec.valueOptions].map(([name, kind]) => caseArm(name, `echo ${quoteSingle(kindWord(kind))}`));
  return ['_awsctl_value_kind() {', '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

/** `_awsctl_arg_kind <command path> <index>`: what the index-th positional completes to. */
function argKindFunction(spec: CompletionSpec): string {
  const arms = spec.commands
    .filter((c) => c.args.length > 0)
    .map((c) => {
      const inner = c.args.map((kind, i) => {
        const pattern = c.variadic && i === c.args.length - 1 ? '*' : String(i);
        return `${pattern}) echo ${quoteSingle(kindWord(kind))} ;;`;
      });
      return caseArm(quoteSingle(c.path), `case "$2" in ${inner.join(' ')} esac`);
    });
  return ['_awsctl_arg_kind() {', '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

function listFunction(name: string, spec: CompletionSpec, list: (c: CommandSpec) => string[]): string {
  const arms = spec.commands.map((c) => caseArm(quoteSingle(c.path), `printf '%s\\n' ${list(c).map(quoteSingle).join(' ')}`));
  return [`${name}() {`, '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

const LOOKUPS = String.raw`
# Profile names come from the user's files at the moment Tab is pressed.
_awsctl_profiles() {
  awsctl configure list-profiles 2>/dev/null
}

_awsctl_sso_sessions() {
  local file="${'$'}{AWS_CONFIG_FILE:-$HOME/.aws/config}"
  [ -r "$file" ] && sed -n 's/^[[:space:]]*\[[[:space:]]*sso-session[[:space:]][[:space:]]*\([^][:space:]]*\)[[:space:]]*\].*/\1/p' "$file" 2>/dev/null
}`.replace("${'$'}", '$');

const BASH_MAIN = String.raw`
_awsctl_complete_kind() {
  local cur="$2" IFS=$'\n'
  case "$1" in
    profile) COMPREPLY+=($(compgen -W "$(_awsctl_profiles)" -- "$cur")) ;;
    sso-session) COMPREPLY+=($(compgen -W "$(_awsctl_sso_sessions)" -- "$cur")) ;;
    file) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -f -- "$cur")) ;;
    command) COMPREPLY+=($(compgen -c -- "$cur")) ;;
    # The word list is space-separated; compgen prints one match a line, which IFS splits.
    words\ *) IFS=$' \n'; COMPREPLY+=($(compgen -W "${'$'}{1#words }" -- "$cur")) ;;
  esac
}

_awsctl() {
  local cur="${'$'}{COMP_WORDS[COMP_CWORD]}" prev="" cmd="" word kind i=1 nargs=0
  COMPREPLY=()
  while (( i < COMP_CWORD )); do
    word="${'$'}{COMP_WORDS[i]}"
    if [[ $word == -- ]]; then
      # After "--" comes a command of its own: its name, then (usually) files.
      if (( COMP_CWORD == i + 1 )); then _awsctl_complete_kind command "$cur"; else compopt -o default 2>/dev/null; fi
      return 0
    elif [[ $word == -* ]]; then
      kind="$(_awsctl_value_kind "$word")"
      # bash splits --opt=value into three words: "--opt" "=" "value".
      if [[ -n $kind ]]; then
        if [[ ${'$'}{COMP_WORDS[i+1]} == = ]]; then (( i += 2 )); else (( i += 1 )); fi
      fi
    elif (( nargs == 0 )) && [[ $'\n'"$(_awsctl_subcommands "$cmd")"$'\n' == *$'\n'"$word"$'\n'* ]]; then
      cmd="${'$'}{cmd:+$cmd }$word"
    else
      (( nargs += 1 ))
    fi
    (( i += 1 ))
  done
  prev="${'$'}{COMP_WORDS[COMP_CWORD-1]}"
  if [[ $cur == = ]]; then cur=""; elif [[ $prev == = ]]; then prev="${'$'}{COMP_WORDS[COMP_CWORD-2]}"; fi
  if [[ $prev == -* ]]; then
    kind="$(_awsctl_value_kind "$prev")"
    if [[ -n $kind ]]; then _awsctl_complete_kind "$kind" "$cur"; return 0; fi
  fi
  if [[ $cur == -* ]]; then
    _awsctl_complete_kind "words $(_awsctl_options "$cmd" | tr '\n' ' ')" "$cur"
    return 0
  fi
  if (( nargs == 0 )); then _awsctl_complete_kind "words $(_awsctl_subcommands "$cmd" | tr '\n' ' ')" "$cur"; fi
  kind="$(_awsctl_arg_kind "$cmd" "$nargs")"
  if [[ -n $kind ]]; then _awsctl_complete_kind "$kind" "$cur"; fi
  return 0
}

complete -F _awsctl awsctl`;

export function bashScript(spec: CompletionSpec): string {
  return [
    `# bash completion for awsctl — ${GENERATED_NOTE}.`,
    '# Load it with: source <(awsctl completion bash)   (or copy it to ~/.local/share/bash-completion/completions/awsctl)',
    LOOKUPS,
    '',
    listFunction('_awsctl_subcommands', spec, (c) => c.subcommands.map((s) => s.name)),
    '',
    listFunction('_awsctl_options', spec, optionNames),
    '',
    valueKindFunction(spec),
    '',
    argKindFunction(spec),
    BASH_MAIN,
    '',
  ].join('\n');
}

/** zsh's _describe wants `name:description`, with colons in the name escaped. */
function described(name: string, description: string): string {
  return `${name.replace(/:/g, '\\:')}:${description}`;
}

const ZSH_MAIN = String.raw`
# Every candidate goes through _awsctl_offer, so a test can replace it and read the candidates.
_awsctl_offer() {
  local how="$1"; shift
  case "$how" in
    described) local tag="$1" title="$2"; shift 2; local -a entries; entries=("$@"); _describe -t "$tag" "$title" entries ;;
    words) compadd -- "$@" ;;
    files) _files ;;
    commands) _command_names -e ;;
  esac
}

_awsctl_complete_kind() {
  case "$1" in
    profile) _awsctl_offer words ${'$'}{(f)"$(_awsctl_profiles)"} ;;
    sso-session) _awsctl_offer words ${'$'}{(f)"$(_awsctl_sso_sessions)"} ;;
    file) _awsctl_offer files ;;
    command) _awsctl_offer commands ;;
    words\ *) _awsctl_offer words ${'$'}{=${'$'}{1#words }} ;;
  esac
}

_awsctl() {
  local cur="${'$'}{words[CURRENT]}" prev="" cmd="" word kind line i=2 nargs=0
  local -a names
  while (( i < CURRENT )); do
    word="${'$'}{words[i]}"
    if [[ $word == -- ]]; then
      # Complete the rest of the line as a command line of its own.
      shift $i words
      (( CURRENT -= i ))
      if (( CURRENT == 1 )); then _awsctl_complete_kind command; else _normal; fi
      return
    elif [[ $word == -* ]]; then
      if [[ $word != *=* && -n "$(_awsctl_value_kind "$word")" ]]; then (( i += 1 )); fi
    elif (( nargs == 0 )) && names=(${'$'}{${'$'}{(f)"$(_awsctl_subcommands "$cmd")"}%%:*}) && (( ${'$'}{names[(Ie)$word]} )); then
      cmd="${'$'}{cmd:+$cmd }$word"
    else
      (( nargs += 1 ))
    fi
    (( i += 1 ))
  done
  prev="${'$'}{words[CURRENT-1]}"
  if [[ $cur == --*=* ]]; then
    kind="$(_awsctl_value_kind "${'$'}{cur%%=*}")"
    compset -P '*='
    if [[ -n $kind ]]; then _awsctl_complete_kind "$kind"; fi
    return
  fi
  if [[ $prev == -* ]]; then
    kind="$(_awsctl_value_kind "$prev")"
    if [[ -n $kind ]]; then _awsctl_complete_kind "$kind"; return; fi
  fi
  if [[ $cur == -* ]]; then
    _awsctl_offer described options option ${'$'}{(f)"$(_awsctl_options "$cmd")"}
    return
  fi
  if (( nargs == 0 )); then
    names=(${'$'}{(f)"$(_awsctl_subcommands "$cmd")"})
    if (( ${'$'}{#names} )); then _awsctl_offer described commands 'awsctl command' "${'$'}{names[@]}"; fi
  fi
  kind="$(_awsctl_arg_kind "$cmd" "$nargs")"
  if [[ -n $kind ]]; then _awsctl_complete_kind "$kind"; fi
}

if [[ ${'$'}{funcstack[1]} == _awsctl ]]; then
  _awsctl "$@"
else
  compdef _awsctl awsctl
fi`;

export function zshScript(spec: CompletionSpec): string {
  return [
    '#compdef awsctl',
    `# zsh completion for awsctl — ${GENERATED_NOTE}.`,
    '# Put this file (named _awsctl) in a folder on $fpath before compinit runs, or: source <(awsctl completion zsh)',
    LOOKUPS,
    '',
    listFunction('_awsctl_subcommands', spec, (c) => c.subcommands.map((s) => described(s.name, s.description))),
    '',
    listFunction('_awsctl_options', spec, (c) => c.options.flatMap((o) => o.names.map((n) => described(n, o.description)))),
    '',
    valueKindFunction(spec),
    '',
    argKindFunction(spec),
    ZSH_MAIN.replaceAll("${'$'}", '$'),
    '',
  ].join('\n');
}
