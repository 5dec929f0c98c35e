import { type ClassValue, clsx } from "clsx";

/**
 * Joins class names. Unlike shadcn/ui's default this does not resolve conflicting Tailwind
 * utilities (tailwind-merge would add ~8 KB gzip to every page), so components are written
 * to take only additive classes: a `className` never re-sets what a variant already sets.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
