export function build(options?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
