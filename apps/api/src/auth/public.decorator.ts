import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'plumbline:public';

/** Marks a resolver or controller route callable without a token (`serverInfo`, `/health`, the IDE). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
