// fish and PowerShell completion scripts, rendered from a CompletionSpec (see
// completion-gen-posix.ts for the word-walking rules all four scripts share).
import type { CompletionSpec, ValueKind } from './completion-gen.ts';
import { GENERATED_NOTE } from './completion-gen.ts';

/** fish single quotes: backslash and quote are the only special characters inside. */
function fishQuote(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishValue(kind: ValueKind): string {
  switch (kind.kind) {
    case 'profile':
      return "-f -a '(__awsctl_profiles)'";
    case 'sso-session':
      return "-f -a '(__awsctl_sso_sessions)'";
    case 'file':
      return '-F';
    case 'command':
      return "-f -a '(__fish_complete_command)'";
    case 'words':
      return `-f -a ${fishQuote(kind.words.join(' '))}`;
    case 'none':
      return '-f';
  }
}

const FISH_HELPERS = String.raw`
complete -c awsctl -f

function __awsctl_profiles
    awsctl configure list-profiles 2>/dev/null
end

function __awsctl_sso_sessions
    set -l file $HOME/.aws/config
    set -q AWS_CONFIG_FILE; and set file $AWS_CONFIG_FILE
    test -r "$file"; and sed -n 's/^[[:space:]]*\[[[:space:]]*sso-session[[:space:]][[:space:]]*\([^][:space:]]*\)[[:space:]]*\].*/\1/p' "$file" 2>/dev/null
end

# Prints three lines: the command path typed so far ("sso login"), how many positional
# arguments follow it, and how many words follow a "--" (-1 when there is none).
function __awsctl_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path
    set -l nargs 0
    set -l skip 0
    set -l after -1
    for t in $tokens
        if test $after -ge 0
            set after (math $after + 1)
        else if test $skip = 1
            set skip 0
        else if test "$t" = --
            set after 0
        else if string match -q -- '-*' $t
            string match -q -- '*=*' $t; or contains -- $t $__awsctl_value_options; and set skip 1
        else if test $nargs = 0; and contains -- $t (__awsctl_subcommands "$path")
            set path $path $t
        else
            set nargs (math $nargs + 1)
        end
    end
    printf '%s\n' "$path" $nargs $after
end

# __awsctl_is PATH [N | N+]: the command line is at PATH (and at positional N, or N or later).
function __awsctl_is --argument-names want_path want_arg
    set -l state (__awsctl_state)
    test "$state[1]" = "$want_path"; and test "$state[3]" = -1; or return 1
    test -z "$want_arg"; and return 0
    if string match -q -- '*+' $want_arg
        test "$state[2]" -ge (string trim -r -c + -- $want_arg)
    else
        test "$state[2]" = "$want_arg"
    end
end

function __awsctl_after_dashdash --argument-names want
    set -l state (__awsctl_state)
    if test "$want" = first
        test "$state[3]" = 0
    else
        test "$state[3]" -gt 0
    end
end

complete -c awsctl -n '__awsctl_after_dashdash first' -f -a '(__fish_complete_command)'
complete -c awsctl -n '__awsctl_after_dashdash later' -F`;

export function fishScript(spec: CompletionSpec): string {
  const lines: string[] = [
    `# fish completion for awsctl — ${GENERATED_NOTE}.`,
    '# Copy it to ~/.config/fish/completions/awsctl.fish, or: awsctl completion fish | source',
    FISH_HELPERS,
    '',
    `set -g __awsctl_value_options ${[...spec.valueOptions.keys()].map(fishQuote).join(' ')}`,
    '',
    'function __awsctl_subcommands --argument-names path',
    '    switch "$path"',
  ];
  for (const c of spec.commands.filter((c) => c.subcommands.length > 0)) {
    lines.push(`        case ${fishQuote(c.path)}`, `            printf '%s\\n' ${c.subcommands.map((s) => fishQuote(s.name)).join(' ')}`);
  }
  lines.push('    end', 'end', '');
  for (const c of spec.commands) {
    const at = fishQuote(c.path);
    for (const s of c.subcommands) {
      lines.push(`complete -c awsctl -n "__awsctl_is ${at} 0" -f -a ${fishQuote(s.name)} -d ${fishQuote(s.description)}`);
    }
    for (const o of c.options) {
      const names = o.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`)).join(' ');
      const value = o.value ? ` -r ${fishValue(o.value)}` : '';
      lines.push(`complete -c awsctl -n "__awsctl_is ${at}" ${names}${value} -d ${fishQuote(o.description)}`);
    }
    c.args.forEach((kind, i) => {
      if (kind.kind === 'none') return;
      const index = c.variadic && i === c.args.length - 1 ? `${i}+` : String(i);
      lines.push(`complete -c awsctl -n "__awsctl_is ${at} ${index}" ${fishValue(kind)}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** PowerShell single quotes: a quote is doubled. */
function psQuote(word: string): string {
  return `'${word.replace(/'/g, "''")}'`;
}

function psKind(kind: ValueKind): string {
  return psQuote(kind.kind === 'words' ? `words ${kind.words.join(' ')}` : kind.kind);
}

/** An array of arrays: PowerShell flattens `@(@(a, b))`, so a single pair needs the unary comma. */
function psList(items: string[]): string {
  return items.length === 1 ? `@(,${items[0]})` : `@(${items.join(', ')})`;
}

function psTable(entries: [string, string][]): string {
  return `@{\n${entries.map(([k, v]) => `    ${psQuote(k)} = ${v}`).join('\n')}\n}`;
}

const PS_MAIN = String.raw`
Register-ArgumentCompleter -Native -CommandName awsctl, awsctl.exe -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
    if ($words.Count -gt 0 -and $words[-1] -eq $wordToComplete -and $wordToComplete -ne '') { $words = @($words | Select-Object -SkipLast 1) }
    $path = ''; $nargs = 0; $skip = $false; $after = -1
    foreach ($word in ($words | Select-Object -Skip 1)) {
        if ($after -ge 0) { $after++; continue }
        if ($skip) { $skip = $false; continue }
        if ($word -eq '--') { $after = 0; continue }
        if ($word.StartsWith('-')) { if (-not $word.Contains('=') -and $AwsctlValueKinds.ContainsKey($word)) { $skip = $true }; continue }
        $subs = @($AwsctlCommands[$path].Subcommands | ForEach-Object { $_[0] })
        if ($nargs -eq 0 -and $subs -contains $word) { $path = ($path + ' ' + $word).Trim() } else { $nargs++ }
    }
    $candidates = @()
    $kind = $null
    $prefix = ''
    $current = $wordToComplete
    if ($after -ge 0) {
        if ($after -eq 0) { $kind = 'command' } else { $kind = 'file' }
    } elseif ($current -match '^(--[^=]+=)(.*)$') {
        $prefix = $Matches[1]; $current = $Matches[2]; $kind = $AwsctlValueKinds[$prefix.TrimEnd('=')]
    } elseif ($skip) {
        $kind = $AwsctlValueKinds[$words[-1]]
    } elseif ($current.StartsWith('-')) {
        foreach ($o in $AwsctlCommands[$path].Options) { $candidates += ,@($o[0], $o[1], 'ParameterName') }
    } else {
        if ($nargs -eq 0) { foreach ($s in $AwsctlCommands[$path].Subcommands) { $candidates += ,@($s[0], $s[1], 'Command') } }
        $positionals = @($AwsctlCommands[$path].Args)
        if ($positionals.Count -gt 0) {
            $index = [Math]::Min($nargs, $positionals.Count - 1)
            if ($nargs -lt $positionals.Count -or $AwsctlCommands[$path].Variadic) { $kind = $positionals[$index] }
        }
    }
    switch -Wildcard ($kind) {
        'profile' { foreach ($p in @(& awsctl configure list-profiles 2>$null)) { $candidates += ,@($p, $p, 'ParameterValue') } }
        'sso-session' {
            $file = if ($env:AWS_CONFIG_FILE) { $env:AWS_CONFIG_FILE } else { Join-Path $HOME '.aws/config' }
            if (Test-Path $file) {
                foreach ($m in (Select-String -Path $file -Pattern '^\s*\[\s*sso-session\s+([^\]\s]+)\s*\]')) { $n = $m.Matches[0].Groups[1].Value; $candidates += ,@($n, $n, 'ParameterValue') }
            }
        }
        'words *' { foreach ($w in $kind.Substring(6).Split(' ')) { $candidates += ,@($w, $w, 'ParameterValue') } }
        'command' { foreach ($c in (Get-Command -Name "$current*" -ErrorAction SilentlyContinue)) { $candidates += ,@($c.Name, $c.Name, 'Command') } }
        'file' { foreach ($f in (Get-ChildItem -Path "$current*" -ErrorAction SilentlyContinue)) { $candidates += ,@($f.Name, $f.FullName, 'ProviderItem') } }
    }
    foreach ($c in $candidates) {
        if ($c[0] -like "$current*") {
            [System.Management.Automation.CompletionResult]::new($prefix + $c[0], $c[0], $c[2], $c[1])
        }
    }
}`;

export function powershellScript(spec: CompletionSpec): string {
  const pair = (a: string, b: string) => `@(${psQuote(a)}, ${psQuote(b || a)})`;
  const entries = spec.commands.map((c): [string, string] => [
    c.path,
    [
      '@{',
      `        Subcommands = ${psList(c.subcommands.map((s) => pair(s.name, s.description)))}`,
      `        Options = ${psList(c.options.flatMap((o) => o.names.map((n) => pair(n, o.description))))}`,
      `        Args = @(${c.args.map(psKind).join(', ')})`,
      `        Variadic = $${c.variadic}`,
      '    }',
    ].join('\n'),
  ]);
  return [
    `# PowerShell completion for awsctl — ${GENERATED_NOTE}.`,
    '# Load it from your $PROFILE with: awsctl completion powershell | Out-String | Invoke-Expression',
    `$AwsctlValueKinds = ${psTable([...spec.valueOptions].map(([name, kind]) => [name, psKind(kind)]))}`,
    `$AwsctlCommands = ${psTable(entries)}`,
    PS_MAIN,
    '',
  ].join('\n');
}
