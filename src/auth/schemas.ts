import { z } from 'zod';

const email = z
  .string({ message: 'Enter your email address.' })
  .trim()
  .min(1, { message: 'Enter your email address.' })
  .max(254, { message: 'Email addresses are at most 254 characters.' })
  .pipe(z.email({ message: 'Enter an email address like name@example.com.' }));

export const newPassword = z
  .string({ message: 'Choose a password.' })
  .min(10, { message: 'Use at least 10 characters.' })
  .max(200, { message: 'Use at most 200 characters.' });

export const signUpSchema = z.object({
  name: z
    .string({ message: 'Enter your name.' })
    .trim()
    .min(1, { message: 'Enter your name.' })
    .max(100, { message: 'Names are at most 100 characters.' }),
  email,
  password: newPassword,
});

export const signInSchema = z.object({
  email,
  password: z.string({ message: 'Enter your password.' }).min(1, { message: 'Enter your password.' }).max(200, { message: 'Passwords are at most 200 characters.' }),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: 'Enter your current password.' }).min(1, { message: 'Enter your current password.' }).max(200),
    newPassword,
    confirmPassword: z.string({ message: 'Type the new password again.' }).max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords are not the same.',
  });

export const deleteAccountSchema = z.object({
  confirmEmail: z.string({ message: 'Type your email address to confirm.' }).trim().max(254),
});
